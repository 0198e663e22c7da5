package org.warmnest.care.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpStatus;
import org.warmnest.care.evidence.EvidencePolicy.Type;
import org.warmnest.platform.problem.ProblemException;
import org.warmnest.platform.tenancy.TenantCode;

class EvidencePolicyTest {

    static final int LIMIT = 4096;
    static final TenantCode TENANT = TenantCode.of("530402");

    @TempDir
    Path folder;

    EvidencePolicy policy = new EvidencePolicy(LIMIT);
    LocalEvidenceStore store;

    @BeforeEach
    void store() {
        store = new LocalEvidenceStore(folder);
    }

    /** What a visit's upload does with a photo: check it, name it by the type found, store it. */
    StoredObject upload(InputStream photo) throws IOException {
        EvidencePolicy.Upload upload = policy.check(photo);
        String key = EvidenceKeys.newKey(TENANT, LocalDate.of(2026, 11, 5), UUID.randomUUID(), upload.extension());
        return store.put(key, upload.content(), upload.contentType());
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                arguments("JPEG", Photos.JPEG, Type.JPEG, "image/jpeg", "jpg"),
                arguments("PNG", Photos.PNG, Type.PNG, "image/png", "png"),
                arguments("WebP", Photos.WEBP, Type.WEBP, "image/webp", "webp"),
                arguments("HEIC from a phone", Photos.HEIC, Type.HEIC, "image/heic", "heic"),
                arguments("HEIC with major brand mif1", Photos.ftyp("mif1", "mif1", "heic"), Type.HEIC, "image/heic",
                        "heic"),
                arguments("HEIF", Photos.HEIF, Type.HEIF, "image/heif", "heif"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void knowsEachAllowedTypeByItsFirstBytesAndPassesEveryByteOn(String name, byte[] head, Type type,
                                                                 String contentType, String extension)
            throws IOException {
        byte[] photo = Photos.sized(head, 3000);
        EvidencePolicy.Upload upload = policy.check(new ByteArrayInputStream(photo));
        assertThat(upload.type()).isEqualTo(type);
        assertThat(upload.contentType()).isEqualTo(contentType);
        assertThat(upload.extension()).isEqualTo(extension);
        assertThat(upload.content().readAllBytes()).isEqualTo(photo);
    }

    @Test
    void aPngNamedJpgIsStoredAsThePngItIs() throws IOException {
        // the client calls it photo.jpg, image/jpeg: the policy is never told, and goes by the bytes
        StoredObject stored = upload(new ByteArrayInputStream(Photos.sized(Photos.PNG, 1000)));
        assertThat(stored.key()).matches("t_530402/2026/11/[0-9a-f-]{36}\\.png");
        assertThat(stored.size()).isEqualTo(1000);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("empty", new byte[0]),
                arguments("plain text", text("老人在家，一切正常")),
                arguments("SVG", text("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" "
                        + "onload=\"alert(1)\"/>")),
                arguments("bare SVG", text("<svg onload=\"alert(1)\"></svg>")),
                arguments("HTML", text("<!DOCTYPE html><html><script>alert(1)</script></html>")),
                arguments("PDF", text("%PDF-1.7\n")),
                arguments("GIF", text("GIF89a")),
                arguments("BMP", text("BM6\0\0\0")),
                arguments("ZIP", new byte[] { 'P', 'K', 3, 4 }),
                arguments("AVIF", Photos.AVIF),
                arguments("MP4", Photos.ftyp("isom", "isom", "mp41")),
                arguments("a JPEG's first two bytes only", new byte[] { (byte) 0xff, (byte) 0xd8 }),
                arguments("a PNG after a space", Photos.concat(text(" "), Photos.PNG)),
                arguments("RIFF that is not WebP", Photos.concat(text("RIFF"), new byte[4], text("WAVEfmt "))),
                arguments("an ftyp box claiming 2 GB", Photos.concat(new byte[] { 0x7f, 0, 0, 0 },
                        text("ftypheic"), new byte[4])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesAnythingElseAndStoresNothing(String name, byte[] file) throws IOException {
        assertThatThrownBy(() -> upload(new ByteArrayInputStream(file)))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
                    assertThat(e.code()).isEqualTo("evidence-type-not-allowed");
                });
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void aPhotoOfExactlyTheLimitIsStored() throws IOException {
        StoredObject stored = upload(new ByteArrayInputStream(Photos.sized(Photos.JPEG, LIMIT)));
        assertThat(stored.size()).isEqualTo(LIMIT);
        assertThat(store.exists(stored.key())).isTrue();
    }

    @Test
    void oneByteOverTheLimitIsRefusedAndLeavesNothing() {
        assertThatThrownBy(() -> upload(new ByteArrayInputStream(Photos.sized(Photos.JPEG, LIMIT + 1))))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
                    assertThat(e.code()).isEqualTo("evidence-too-large");
                    assertThat(e.args()).containsExactly("4 KB");
                });
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void anEndlessUploadIsCutOffAtTheLimit() {
        assertThatThrownBy(() -> upload(Photos.endlessJpeg()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.code()).isEqualTo("evidence-too-large"));
        assertThat(filesIn(folder)).isEmpty();
    }

    @Test
    void theLimitReadsAsPeopleWriteIt() {
        assertThat(EvidencePolicy.readable(10L * 1024 * 1024)).isEqualTo("10 MB");
        assertThat(EvidencePolicy.readable(512 * 1024)).isEqualTo("512 KB");
        assertThat(EvidencePolicy.readable(1000)).isEqualTo("1000 B");
    }

    static byte[] text(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static List<Path> filesIn(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
