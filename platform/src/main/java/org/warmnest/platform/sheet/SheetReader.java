package org.warmnest.platform.sheet;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the spreadsheets bureaus keep (XLSX, XLS, CSV in UTF-8 or GB18030) row by row, without holding an
 * XLSX workbook in memory. Problems with the file come back as {@link SheetFinding}s, never as exceptions; only
 * an exception thrown by {@code onRow} itself, or a failing {@code in}, propagates.
 */
public final class SheetReader {

    public enum Format { XLSX, XLS, CSV, UNKNOWN }

    /**
     * @param headers the headers read, in column order (only known ones when known headers were given)
     * @param rows    how many data rows were passed on
     */
    public record Result(Format format, List<String> headers, int rows, List<SheetFinding> findings) {

        public Result {
            headers = List.copyOf(headers);
            findings = List.copyOf(findings);
        }

        public boolean ok() {
            return findings.isEmpty();
        }
    }

    private static final Logger log = LoggerFactory.getLogger(SheetReader.class);
    private static final int HEAD = 64 * 1024;
    // HSSF parses a whole workbook into memory: about ten times its size.
    static final long MAX_XLS_BYTES = 16L * 1024 * 1024;

    private SheetReader() {
    }

    /**
     * @param knownHeaders    the headers to read; other columns are ignored. Empty: read every column.
     * @param requiredHeaders headers without which nothing is read ({@code header-missing})
     * @param maxRows         data rows passed on at most; one more is {@code too-many-rows}
     * @param onRow           called for every non-blank data row, in order
     */
    public static Result read(InputStream in, List<String> knownHeaders, Set<String> requiredHeaders, int maxRows,
                              Consumer<SheetRow> onRow) throws IOException {
        RowAssembler rows = new RowAssembler(knownHeaders, requiredHeaders, maxRows, onRow);
        BufferedInputStream buffered = new BufferedInputStream(in, HEAD);
        buffered.mark(HEAD);
        byte[] head = buffered.readNBytes(HEAD);
        buffered.reset();
        Format format = Format.UNKNOWN;
        if (head.length == 0) {
            rows.finish();
            return result(format, rows);
        }
        FileMagic magic = FileMagic.valueOf(head);
        try {
            switch (magic) {
                case OOXML -> {
                    format = Format.XLSX;
                    readXlsx(buffered, rows);
                }
                case OLE2 -> {
                    format = Format.XLS;
                    readXls(buffered, rows);
                }
                case UNKNOWN -> {
                    format = Format.CSV;
                    try {
                        CsvSheet.read(buffered, head, rows);
                    } catch (IOException e) {
                        throw new SourceFailure(e);
                    }
                }
                default -> rows.fail(SheetFinding.UNREADABLE, 0, magic.name().toLowerCase(java.util.Locale.ROOT));
            }
        } catch (EncryptedDocumentException e) {
            rows.fail(SheetFinding.UNREADABLE, 0, "encrypted");
        } catch (SourceFailure e) {
            throw e.getCause();
        } catch (Exception e) {
            // POI reports broken, truncated and oversized (zip bomb) files with a zoo of exceptions.
            log.info("Unreadable {} upload: {}", format, e.toString());
            rows.fail(SheetFinding.UNREADABLE, 0, "corrupt");
        }
        if (rows.callerFailure() != null) {
            throw rows.callerFailure();
        }
        rows.finish();
        return result(format, rows);
    }

    private static Result result(Format format, RowAssembler rows) {
        return new Result(format, rows.headers(), rows.rowsRead(), rows.findings());
    }

    /** The event API needs random access to the zip: spool it, rather than let POI hold it in memory. */
    private static void readXlsx(InputStream in, RowAssembler rows) throws Exception {
        Path spool = Files.createTempFile("sheet-", ".xlsx");
        try {
            try (OutputStream out = Files.newOutputStream(spool)) {
                copy(in, out, Long.MAX_VALUE);
            }
            XlsxSheet.read(spool.toFile(), rows);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static void readXls(InputStream in, RowAssembler rows) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (copy(in, bytes, MAX_XLS_BYTES + 1) > MAX_XLS_BYTES) {
            rows.fail(SheetFinding.UNREADABLE, 0, "too-large");
            return;
        }
        XlsSheet.read(new ByteArrayInputStream(bytes.toByteArray()), rows);
    }

    /** Copies at most {@code limit} bytes; a failure of the caller's stream is not the file's fault. */
    private static long copy(InputStream in, OutputStream out, long limit) throws SourceFailure {
        byte[] buffer = new byte[HEAD];
        long total = 0;
        while (total < limit) {
            int read;
            try {
                read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
            if (read < 0) {
                break;
            }
            try {
                out.write(buffer, 0, read);
            } catch (IOException e) {
                throw new SourceFailure(e);
            }
            total += read;
        }
        return total;
    }

    private static final class SourceFailure extends Exception {
        SourceFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
