package org.mpysdk.testkit.micropython;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.CodeSection;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.DataCountSection;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.ElementSection;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.GlobalSection;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.RawSection;
import com.dylibso.chicory.wasm.types.Section;
import com.dylibso.chicory.wasm.types.SectionId;
import com.dylibso.chicory.wasm.types.StartSection;
import com.dylibso.chicory.wasm.types.TableSection;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TypeSection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/**
 * Reads the module description ({@code <Name>.meta}: the wasm with empty function bodies) that
 * {@code chicory-compiler-maven-plugin} stores beside the classes it generates.
 *
 * <p>The generated class parses it with {@code Parser.parse}, which also hashes it (SHA-256) and
 * validates every section; on a cold JVM that is about a third of the first board's start-up. The
 * compiler validated the same module at build time and nothing here uses the hash, so this reads it
 * with neither.
 */
final class BuildTimeModule {
    // A stub body: 3 bytes long, no locals, unreachable, end.
    private static final byte[] STUB = {3, 0, 0x00, 0x0B};

    private BuildTimeModule() {
    }

    /**
     * @param moduleClass the generated {@code CompiledModule} class
     * @return the module, or empty when the description is not beside the class (then use the class's own loader)
     * @throws UncheckedIOException when the description cannot be read
     * @throws com.dylibso.chicory.wasm.ChicoryException when it is not a wasm module
     */
    static Optional<WasmModule> read(Class<?> moduleClass) {
        byte[] meta;
        try (InputStream in = moduleClass.getResourceAsStream(moduleClass.getSimpleName() + ".meta")) {
            if (in == null) {
                return Optional.empty();
            }
            meta = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the description of " + moduleClass.getName(), e);
        }
        WasmModule.Builder module = WasmModule.builder().withValidation(false);
        Optional<CodeSection> stubs = stubCode(meta);
        Parser.Builder parser = Parser.builder().withValidation(false);
        for (int id = SectionId.CUSTOM; id <= SectionId.TAG; id++) {
            if (id != SectionId.CODE || stubs.isEmpty()) {
                parser.includeSectionId(id);
            }
        }
        parser.build().parse(new ByteArrayInputStream(meta), section -> add(module, section));
        stubs.ifPresent(module::setCodeSection);
        return Optional.of(module.build());
    }

    /**
     * The compiler replaces every body it compiled by {@code unreachable; end}; decoding 1,400 of them
     * costs 20-30 ms on a cold JVM and the compiled machine never reads them. When all bodies are such
     * stubs, this gives the section with one shared empty body per function instead.
     *
     * @return the code section, or empty when some body is real (a function left to the interpreter)
     */
    private static Optional<CodeSection> stubCode(byte[] meta) {
        RawSection[] raw = new RawSection[1];
        Parser.builder().includeSectionId(SectionId.CODE).build()
                .parseWithoutDecoding(new ByteArrayInputStream(meta), s -> raw[0] = (RawSection) s);
        if (raw[0] == null) {
            return Optional.empty();
        }
        ByteBuffer code = ByteBuffer.wrap(raw[0].contents());
        long count = unsignedLeb128(code);
        CodeSection.Builder section = CodeSection.builder();
        FunctionBody stub = new FunctionBody(List.of(), List.of());
        for (long i = 0; i < count; i++) {
            if (code.remaining() < STUB.length) {
                return Optional.empty();
            }
            for (byte b : STUB) {
                if (code.get() != b) {
                    return Optional.empty();
                }
            }
            section.addFunctionBody(stub);
        }
        return code.hasRemaining() ? Optional.empty() : Optional.of(section.build());
    }

    private static long unsignedLeb128(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 35 && in.hasRemaining(); shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        return -1;
    }

    /** Does what Chicory's own parser does with each section. */
    private static void add(WasmModule.Builder module, Section s) {
        switch (s.sectionId()) {
            case SectionId.CUSTOM -> module.addCustomSection(((CustomSection) s).name(), (CustomSection) s);
            case SectionId.TYPE -> module.setTypeSection((TypeSection) s);
            case SectionId.IMPORT -> module.setImportSection((ImportSection) s);
            case SectionId.FUNCTION -> module.setFunctionSection((FunctionSection) s);
            case SectionId.TABLE -> module.setTableSection((TableSection) s);
            case SectionId.MEMORY -> module.setMemorySection((MemorySection) s);
            case SectionId.GLOBAL -> module.setGlobalSection((GlobalSection) s);
            case SectionId.EXPORT -> module.setExportSection((ExportSection) s);
            case SectionId.START -> module.setStartSection((StartSection) s);
            case SectionId.ELEMENT -> module.setElementSection((ElementSection) s);
            case SectionId.CODE -> module.setCodeSection((CodeSection) s);
            case SectionId.DATA -> module.setDataSection((DataSection) s);
            case SectionId.DATA_COUNT -> module.setDataCountSection((DataCountSection) s);
            case SectionId.TAG -> module.setTagSection((TagSection) s);
            default -> module.addIgnoredSection(s.sectionId());
        }
    }
}
