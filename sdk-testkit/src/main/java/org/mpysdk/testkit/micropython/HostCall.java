package org.mpysdk.testkit.micropython;

import java.util.HashMap;
import java.util.Map;

/**
 * What each import of MicroPython's wasm does on this host (see {@link EmscriptenImports}), keyed by
 * the import's name. The {@code invoke_*} trampolines, one per signature, are all {@link #INVOKE}.
 */
enum HostCall {
    /** {@code invoke_*}: call a table entry, catching longjmp. */
    INVOKE,
    /** {@code _emscripten_throw_longjmp}. */
    THROW_LONGJMP("_emscripten_throw_longjmp"),
    /** {@code _abort_js}: the board dies. */
    ABORT("_abort_js"),
    /** {@code emscripten_resize_heap}. */
    RESIZE_HEAP("emscripten_resize_heap"),
    /** Milliseconds since the board started. */
    TICKS_MS("mp_js_ticks_ms"),
    /** Wall-clock milliseconds, as a double. */
    TIME_MS("mp_js_time_ms"),
    /** 32 random bits. */
    RANDOM_U32("mp_js_random_u32"),
    /** The file system syscalls, each to its method of {@link Syscalls}. */
    CHDIR("__syscall_chdir"),
    /** {@code getcwd}. */
    GETCWD("__syscall_getcwd"),
    /** {@code mkdirat}. */
    MKDIRAT("__syscall_mkdirat"),
    /** {@code openat}. */
    OPENAT("__syscall_openat"),
    /** {@code poll}. */
    POLL("__syscall_poll"),
    /** {@code getdents64}. */
    GETDENTS("__syscall_getdents64"),
    /** {@code renameat}. */
    RENAMEAT("__syscall_renameat"),
    /** {@code rmdir}. */
    RMDIR("__syscall_rmdir"),
    /** {@code fstat64}. */
    FSTAT("__syscall_fstat64"),
    /** {@code stat64} and {@code lstat64} (there are no links). */
    STAT("__syscall_stat64", "__syscall_lstat64"),
    /** {@code newfstatat}. */
    NEWFSTATAT("__syscall_newfstatat"),
    /** {@code statfs64}. */
    STATFS("__syscall_statfs64"),
    /** {@code unlinkat}. */
    UNLINKAT("__syscall_unlinkat"),
    /** WASI {@code fd_close}. */
    FD_CLOSE("fd_close"),
    /** WASI {@code fd_sync}. */
    FD_SYNC("fd_sync"),
    /** WASI {@code fd_seek}. */
    FD_SEEK("fd_seek"),
    /** WASI {@code fd_read}. */
    FD_READ("fd_read"),
    /** WASI {@code fd_write}: the console and files. */
    FD_WRITE("fd_write"),
    /** A JavaScript object was never handed to Python: not found (-1). */
    JS_NOT_FOUND("js_check_existing"),
    /** Reference counts of JavaScript proxies: none. */
    JS_REF_INFO("js_get_proxy_js_ref_info"),
    /** Lookups on the (empty) JavaScript side: false (0). */
    JS_FALSE("lookup_attr", "has_attr", "js_iter_next"),
    /** Stores and frees on the JavaScript side: nothing to do. */
    JS_IGNORED("proxy_js_free_obj", "store_attr", "js_subscr_store", "js_then_resolve", "js_then_reject"),
    /** {@code js_get_error_info}: both parts undefined. */
    JS_ERROR_INFO("js_get_error_info"),
    /** {@code jsffi.to_js} and friends: the same object back. */
    JS_ROUND_TRIP("proxy_convert_mp_to_js_then_js_to_mp_obj_jsside",
            "proxy_convert_mp_to_js_then_js_to_js_then_js_to_mp_obj_jsside"),
    /** Calls on JavaScript objects: JavaScript {@code undefined} into the out-parameter ({@link #outArg(String)}). */
    JS_UNDEFINED_INTO("js_subscr_load", "js_get_iter", "call0", "call1", "call2", "calln", "call0_kwarg",
            "calln_kwarg", "js_reflect_construct", "create_promise", "js_then_continue");

    /** Import name to call; the {@code invoke_*} family is matched by prefix instead. */
    static final Map<String, HostCall> BY_NAME = byName();

    /** For {@link #JS_UNDEFINED_INTO} imports: which argument is the out-parameter, by import name. */
    private static final Map<String, Integer> OUT_ARGS = Map.ofEntries(
            Map.entry("js_subscr_load", 2), Map.entry("js_get_iter", 1), Map.entry("call0", 1),
            Map.entry("call1", 3), Map.entry("call2", 4), Map.entry("calln", 4),
            Map.entry("call0_kwarg", 5), Map.entry("calln_kwarg", 7), Map.entry("js_reflect_construct", 3),
            Map.entry("create_promise", 1), Map.entry("js_then_continue", 4));

    private final String[] names;

    HostCall(String... names) {
        this.names = names;
    }

    /** @return the out-parameter index of a {@link #JS_UNDEFINED_INTO} import */
    static int outArg(String importName) {
        return OUT_ARGS.get(importName);
    }

    private static Map<String, HostCall> byName() {
        Map<String, HostCall> m = new HashMap<>();
        for (HostCall c : values()) {
            for (String n : c.names) {
                m.put(n, c);
            }
        }
        return Map.copyOf(m);
    }
}
