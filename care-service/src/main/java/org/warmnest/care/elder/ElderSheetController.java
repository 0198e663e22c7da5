package org.warmnest.care.elder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.warmnest.platform.problem.Problems;
import org.warmnest.platform.security.CurrentUser;
import org.warmnest.platform.sheet.XlsxExport;
import org.warmnest.platform.web.PageView;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * Elders in and out of spreadsheets: the template, the import (a dry run reports, a real import is all or
 * nothing) and the export of any search to XLSX, ID numbers masked as everywhere else.
 */
@RestController
@RequestMapping("/api/care/v1/tenants/{tenant}/elders")
@Tag(name = "elders")
class ElderSheetController {

    /** An export is one sheet; past this, narrow the search. */
    static final int EXPORT_MAX = 50_000;

    private final ElderImport elderImport;
    private final ElderRegistry registry;
    private final ElderSearch search;
    private final ElderController elders;
    private final Problems problems;

    ElderSheetController(ElderImport elderImport, ElderRegistry registry, ElderSearch search, ElderController elders,
            Problems problems) {
        this.elderImport = elderImport;
        this.registry = registry;
        this.search = search;
        this.elders = elders;
        this.problems = problems;
    }

    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "Import elders from XLSX, XLS or CSV (UTF-8 or GBK). dryRun=true only reports; otherwise "
            + "a file with any problem is refused whole (422 with the report) and a clean one is written in one "
            + "transaction. Rows are matched by ID number, so uploading the same file again changes nothing. A bureau "
            + "may entrust the new elders to a contractor (contractorId).")
    ElderImport.Report importElders(@PathVariable String tenant, @RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(required = false) java.util.UUID contractorId, Locale locale) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return elderImport.run(in, file.getOriginalFilename(), dryRun, contractorId, locale);
        }
    }

    @ExceptionHandler(ElderImport.Refused.class)
    ResponseEntity<ProblemDetail> refused(ElderImport.Refused e, Locale locale) {
        ProblemDetail problem = problems.build(HttpStatus.UNPROCESSABLE_ENTITY, "import-invalid",
                new Object[] { e.report.problems().size() }, null, locale);
        problem.setProperty("report", e.report);
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @GetMapping("/import/template")
    @PreAuthorize(ElderRoles.WRITERS)
    @Operation(summary = "The import template: XLSX with the headers, an instructions sheet and text-formatted "
            + "ID and phone columns (format=xlsx, the default), or CSV in UTF-8 with BOM (format=csv)")
    ResponseEntity<byte[]> template(@PathVariable String tenant, @RequestParam(defaultValue = "xlsx") String format)
            throws IOException {
        boolean csv = "csv".equalsIgnoreCase(format);
        byte[] body = csv ? ("\uFEFF" + String.join(",", ElderSheet.HEADERS) + "\r\n").getBytes(StandardCharsets.UTF_8)
                : xlsxTemplate();
        return ResponseEntity.ok()
                .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : XlsxExport.XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(csv ? "老人档案导入模板.csv" : "老人档案导入模板.xlsx", StandardCharsets.UTF_8).build()
                        .toString())
                .body(body);
    }

    @GetMapping("/export")
    @PreAuthorize(ElderRoles.READERS)
    @Transactional // an exact-ID filter writes its record to the trail
    @Operation(summary = "The elders a search finds, as XLSX (at most 50,000 rows), ID numbers masked")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String tenant,
            @Valid @ModelAttribute ElderController.Criteria criteria,
            @RequestParam(defaultValue = "NAME") ElderSearch.Sort sort,
            @RequestParam(defaultValue = "false") boolean descending) {
        PageView<Elder> found = search.search(elders.filter(criteria), CurrentUser.get().contractorScope(),
                registry.today(), sort, descending, 0, EXPORT_MAX);
        List<ElderView> rows = found.items().stream().map(registry::view).toList();
        return XlsxExport.response("老人档案", "老人档案", List.of(
                XlsxExport.Column.<ElderView>of("姓名", ElderView::name),
                XlsxExport.Column.<ElderView>of("身份证号", ElderView::idNumber),
                XlsxExport.Column.<ElderView>of("性别", ElderView::sex),
                XlsxExport.Column.<ElderView>of("年龄", v -> v.age() != null ? v.age() : v.ageBand()),
                XlsxExport.Column.<ElderView>of("联系电话", ElderView::phone),
                XlsxExport.Column.<ElderView>of("街道代码", ElderView::streetCode),
                XlsxExport.Column.<ElderView>of("社区代码", ElderView::communityCode),
                XlsxExport.Column.<ElderView>of("网格代码", ElderView::gridCode),
                XlsxExport.Column.<ElderView>of("居住地址", ElderView::address),
                XlsxExport.Column.<ElderView>of("人员类别", v -> String.join("、",
                        v.categories().stream().map(ElderView.CategoryView::label).toList())),
                XlsxExport.Column.<ElderView>of("风险等级", ElderView::riskTierLabel),
                XlsxExport.Column.<ElderView>of("责任人", ElderView::responsibleName),
                XlsxExport.Column.<ElderView>of("责任人电话", ElderView::responsiblePhone),
                XlsxExport.Column.<ElderView>of("知情同意", ElderView::consentGiven),
                XlsxExport.Column.<ElderView>of("状态", v -> statusLabel(v.status())),
                XlsxExport.Column.<ElderView>of("能力等级", ElderView::abilityLevel),
                XlsxExport.Column.<ElderView>of("上次评估", ElderView::lastAssessedOn),
                XlsxExport.Column.<ElderView>of("下次评估", ElderView::nextAssessmentDue)), rows);
    }

    static String statusLabel(Elder.Status s) {
        return switch (s) {
            case ACTIVE -> "在册";
            case MOVED -> "迁出";
            case DECEASED -> "已故";
            case WITHDRAWN -> "退出";
        };
    }

    private static byte[] xlsxTemplate() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("老人档案");
            CellStyle text = workbook.createCellStyle();
            text.setDataFormat(workbook.createDataFormat().getFormat("@"));
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row header = sheet.createRow(0);
            for (int c = 0; c < ElderSheet.HEADERS.size(); c++) {
                var cell = header.createCell(c);
                cell.setCellValue(ElderSheet.HEADERS.get(c));
                cell.setCellStyle(bold);
                // ID numbers and phones typed into a General column become numbers and lose digits
                sheet.setDefaultColumnStyle(c, text);
                sheet.setColumnWidth(c, (ElderSheet.HEADERS.get(c).equals(ElderSheet.ID_NUMBER) ? 22 : 14) * 256);
            }
            sheet.createFreezePane(0, 1);
            Sheet help = workbook.createSheet("填写说明");
            String[][] lines = {
                    { "列", "说明" },
                    { "姓名", "必填" },
                    { "身份证号", "必填，18位；性别、出生日期、年龄由其推得。同一身份证号再次导入即更新原档案" },
                    { "性别、出生日期", "可不填；填写时须与身份证号一致" },
                    { "网格代码", "必填，本辖区已建的网格代码" },
                    { "人员类别", "必填，可多选，用“、”分隔：独居、空巢、孤老、纯老、低保、特困、失能、留守、重残、计生特殊家庭（高龄按年龄自动认定）" },
                    { "风险等级", "高风险、重点关注、一般（不填为一般）" },
                    { "同住人员", "姓名(关系)，多人用“、”分隔，如：王建国(儿子)、李梅(儿媳)" },
                    { "知情同意", "是 / 否" },
                    { "健康状况", "敏感个人信息，加密保存" },
                    { "整个文件", "任一行有误则整个文件不导入，并列出每处问题；请先“试导入”检查" } };
            for (int r = 0; r < lines.length; r++) {
                Row row = help.createRow(r);
                row.createCell(0).setCellValue(lines[r][0]);
                row.createCell(1).setCellValue(lines[r][1]);
            }
            help.setColumnWidth(0, 16 * 256);
            help.setColumnWidth(1, 90 * 256);
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
