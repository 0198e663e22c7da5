package org.warmnest.tenant.area;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.warmnest.platform.problem.Problems;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Area import from a spreadsheet (CSV UTF-8 or Excel) with the headers 街道名称, 街道代码, 社区名称, 社区代码,
 * 网格名称, 网格代码, 网格长, 网格长电话. A dry run only reports; a real import is all or nothing.
 */
@RestController
@RequestMapping("/api/tenants/v1/tenants/{tenant}/areas/import")
@Tag(name = "areas")
class AreaImportController {

    private final AreaImport areaImport;
    private final Problems problems;

    AreaImportController(AreaImport areaImport, Problems problems) {
        this.areaImport = areaImport;
        this.problems = problems;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(AreaController.WRITERS)
    @Operation(summary = "Import streets, communities and grids; dryRun=true reports without writing")
    ImportReport importAreas(@PathVariable String tenant, @RequestPart("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun, Locale locale) throws IOException {
        AreaSheet sheet;
        try (var content = file.getInputStream()) { // from the multipart's temporary file, never all in memory
            sheet = AreaSheet.read(content);
        }
        return dryRun ? areaImport.preview(sheet, locale) : areaImport.apply(sheet, locale);
    }

    @GetMapping("/template")
    @PreAuthorize(AreaController.WRITERS) // only those who import need it
    @Operation(summary = "An empty CSV (UTF-8 with BOM, so that Excel shows the Chinese headers) to fill in")
    ResponseEntity<byte[]> template(@PathVariable String tenant) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("区划导入模板.csv", StandardCharsets.UTF_8).build().toString())
                .body(AreaSheet.template().getBytes(StandardCharsets.UTF_8));
    }

    @ExceptionHandler(AreaImportRefused.class)
    ResponseEntity<ProblemDetail> refused(AreaImportRefused e, Locale locale) {
        ProblemDetail problem = problems.build(HttpStatus.UNPROCESSABLE_ENTITY, "import-invalid",
                new Object[] { e.report().problems().size() }, null, locale);
        problem.setProperty("report", e.report());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
