package org.warmnest.platform.sheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** RFC 4180 CSV in UTF-8 or, as Excel on Chinese Windows saves it, GB18030. */
final class CsvSheet {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final BitSet NOT_NUMERIC = new BitSet();

    private CsvSheet() {
    }

    /**
     * @param head the first bytes of the stream, already read back into {@code in}; they decide the encoding,
     *             and a later byte that does not fit is an {@code encoding-invalid} finding
     */
    static void read(InputStream in, byte[] head, RowAssembler rows) throws IOException {
        if (looksBinary(head)) {
            rows.fail(SheetFinding.UNREADABLE, 0, "binary");
            return;
        }
        Charset charset = isUtf8(head) ? StandardCharsets.UTF_8 : GB18030;
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        PushbackReader reader = new PushbackReader(new InputStreamReader(in, decoder), 1);
        int rowNumber = 0;
        try {
            skipBom(reader);
            List<String> record = new ArrayList<>();
            while (true) {
                rowNumber++;
                boolean more = readRecord(reader, record);
                if (!record.isEmpty() && !rows.row(rowNumber, record, NOT_NUMERIC)) {
                    return;
                }
                if (!more) {
                    return;
                }
                record = new ArrayList<>();
            }
        } catch (CharacterCodingException e) {
            rows.fail(SheetFinding.ENCODING_INVALID, rowNumber, charset.name());
        }
    }

    private static void skipBom(PushbackReader reader) throws IOException {
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
    }

    /** Excel's column count. */
    private static final int MAX_FIELDS = 16_384;

    /** Reads one record into {@code fields} (none for a blank line); returns whether another may follow. */
    private static boolean readRecord(PushbackReader reader, List<String> fields) throws IOException {
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean inField = false;
        while (true) {
            int c = reader.read();
            if (c == -1) {
                if (inField || !fields.isEmpty()) {
                    fields.add(field.toString());
                }
                return false;
            }
            if (quoted) {
                if (c != '"') {
                    field.append((char) c);
                } else {
                    int next = reader.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            reader.unread(next);
                        }
                    }
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    // A quote opens a quoted field only at its start; elsewhere it is text, as Excel reads it.
                    if (inField) {
                        field.append('"');
                    } else {
                        quoted = true;
                    }
                    inField = true;
                }
                case ',' -> {
                    if (fields.size() >= MAX_FIELDS) {
                        // a line of commas would otherwise become millions of cells
                        throw new IllegalStateException("a line with more fields than a spreadsheet has columns");
                    }
                    fields.add(field.toString());
                    field.setLength(0);
                    inField = false;
                    // "a," is two fields: !fields.isEmpty() adds the empty second one at the end of the line
                }
                case '\r', '\n' -> {
                    if (inField || !fields.isEmpty()) {
                        fields.add(field.toString());
                    }
                    endOfLine(reader, c);
                    return true;
                }
                default -> {
                    field.append((char) c);
                    inField = true;
                }
            }
        }
    }

    private static void endOfLine(PushbackReader reader, int c) throws IOException {
        if (c == '\r') {
            int next = reader.read();
            if (next != '\n' && next != -1) {
                reader.unread(next);
            }
        }
    }

    /** NULs and control characters do not occur in a text file a person saved. */
    private static boolean looksBinary(byte[] head) {
        int controls = 0;
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
            if (b > 0 && b < 0x20 && b != '\t' && b != '\r' && b != '\n' && b != '\f') {
                controls++;
            }
        }
        return controls > head.length / 100 + 1;
    }

    /** Whether the head is valid UTF-8, allowing a character cut in two at its end. */
    static boolean isUtf8(byte[] head) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(head);
        CharBuffer chars = CharBuffer.allocate(head.length + 1);
        CoderResult result = decoder.decode(bytes, chars, false);
        return !result.isError() && bytes.remaining() < 4;
    }
}
