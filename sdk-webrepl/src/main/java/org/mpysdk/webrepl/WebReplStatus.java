package org.mpysdk.webrepl;

/**
 * What a board's files say about WebREPL.
 *
 * @param passwordSet whether {@code webrepl_cfg.py} exists (it holds {@code PASS})
 * @param startsOnBoot whether {@code boot.py} imports and starts webrepl in lines that are not commented out
 */
public record WebReplStatus(boolean passwordSet, boolean startsOnBoot) {
    /** @return whether WebREPL will run after the next boot */
    public boolean enabled() {
        return passwordSet && startsOnBoot;
    }
}
