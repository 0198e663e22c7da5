package org.warmnest.tenant.area;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upload at the gateway's cap is read in a small heap: the workbook is streamed, not built in memory (built as
 * a workbook, this file needs well over a gigabyte). The reading runs in a JVM of its own with a 96 MB heap.
 */
class AreaSheetMemoryTest {

    static final int ROWS = 300_000;

    @Test
    void aLargeWorkbookIsReadInA96MegabyteHeap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("areas.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
            SXSSFSheet sheet = workbook.createSheet("区划");
            Row header = sheet.createRow(0);
            AreaSheet.Column[] columns = AreaSheet.Column.values();
            for (int c = 0; c < columns.length; c++) {
                header.createCell(c).setCellValue(columns[c].header);
            }
            for (int r = 1; r <= ROWS; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("玉兴街道");
                row.createCell(1).setCellValue("530402001");
                row.createCell(2).setCellValue("北苑社区" + r);
                row.createCell(3).setCellValue(String.valueOf(530402001000L + r % 1000));
                row.createCell(4).setCellValue("第" + r + "网格");
                row.createCell(5).setCellValue("W" + r);
                row.createCell(6).setCellValue("张三");
                row.createCell(7).setCellValue(13800000000L + r);
            }
            workbook.write(out);
        }
        System.out.printf("Area sheet of %,d rows: %,d bytes, read in a 96 MB heap%n", ROWS, Files.size(file));
        assertThat(Files.size(file)).as("about the size of the largest upload").isGreaterThan(10L << 20);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-Xmx96m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), SmallHeap.class.getName(), file.toString()))
                .redirectErrorStream(true).start();
        String output;
        try (InputStream in = child.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("lines=" + AreaSheet.MAX_ROWS, "findings=[too-many-rows]");
    }

    /** Reads the file as the import does, in the heap it was given. */
    static final class SmallHeap {
        public static void main(String[] args) throws IOException {
            try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
                AreaSheet sheet = AreaSheet.read(in);
                System.out.println("lines=" + sheet.lines().size() + " findings="
                        + sheet.findings().stream().map(AreaSheet.Finding::code).toList());
            }
        }
    }
}
