package org.mpysdk.firmware;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled table of MicroPython's ESP boards ({@code esp-boards.json}): MCU, flash offset,
 * vendor and variants per board id.
 *
 * <pre>{@code
 * EspBoardMetadata.bundled().find("ESP32_GENERIC_C5").map(BoardMetadata::flashOffset); // 0x2000
 * }</pre>
 */
public final class EspBoardMetadata {
    private final Map<String, BoardMetadata> boards;

    private EspBoardMetadata(List<BoardMetadata> boards) {
        Map<String, BoardMetadata> byId = new LinkedHashMap<>();
        boards.forEach(b -> byId.put(b.board(), b));
        this.boards = Map.copyOf(byId);
    }

    /**
     * @param boards the entries; a later entry for the same board id replaces an earlier one
     * @return a table built from the given entries (for tests and for callers with their own boards)
     */
    public static EspBoardMetadata of(List<BoardMetadata> boards) {
        return new EspBoardMetadata(boards);
    }

    /** @return the table bundled with this library */
    public static EspBoardMetadata bundled() {
        try (InputStream in = EspBoardMetadata.class.getResourceAsStream("esp-boards.json")) {
            if (in == null) {
                throw new IllegalStateException("esp-boards.json is missing from the sdk-firmware jar; rebuild it");
            }
            ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            return new EspBoardMetadata(mapper.readValue(in, Table.class).boards());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled esp-boards.json", e);
        }
    }

    /**
     * @param boardId a board id such as {@code ESP32_GENERIC_S3}
     * @return the metadata of a board id, if it is an ESP board known to the table
     */
    public Optional<BoardMetadata> find(String boardId) {
        return Optional.ofNullable(boards.get(boardId));
    }

    /** @return every board of the table */
    public List<BoardMetadata> all() {
        return List.copyOf(boards.values());
    }

    /** Jackson shape of the resource. */
    private record Table(String source, List<BoardMetadata> boards) {
    }
}
