package org.warmnest.tenant;


import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.warmnest.platform.tenancy.TenantCode;
import org.warmnest.platform.tenancy.TenantProvisioner;
import org.warmnest.platform.tenancy.TenantStatus;

import com.jayway.jsonpath.JsonPath;

/** Calls the tenant-service API as a given user; paths are relative to {@code /api/tenants/v1}. */
public record Api(MockMvc mvc, String bearer, String language) {

    public static final String BASE = "/api/tenants/v1";

    public static Api as(MockMvc mvc, String bearer) {
        return new Api(mvc, bearer, "zh-CN");
    }

    public Api inEnglish() {
        return new Api(mvc, bearer, "en");
    }

    public ResultActions get(String path, Object... vars) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(BASE + path, vars).header("Authorization", bearer).header("Accept-Language", language));
    }

    public ResultActions post(String path, String json, Object... vars) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post(BASE + path, vars).header("Authorization", bearer).header("Accept-Language", language)
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    public ResultActions put(String path, String json, Object... vars) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.put(BASE + path, vars).header("Authorization", bearer).header("Accept-Language", language)
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    public ResultActions delete(String path, Object... vars) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.delete(BASE + path, vars).header("Authorization", bearer).header("Accept-Language", language));
    }

    public ResultActions upload(String tenant, String filename, byte[] content, boolean dryRun) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.multipart(BASE + "/tenants/{t}/areas/import", tenant)
                .file(new MockMultipartFile("file", filename, "application/octet-stream", content))
                .param("dryRun", String.valueOf(dryRun)).header("Authorization", bearer)
                .header("Accept-Language", language));
    }

    /** The {@code id} of a created resource. */
    public static String id(ResultActions created) throws Exception {
        return JsonPath.read(created.andReturn().getResponse().getContentAsString(), "$.id");
    }

    public static String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Registers and activates test tenants in this service; repeating it changes nothing. */
    public static void provision(TenantProvisioner provisioner, String... codes) {
        for (String code : codes) {
            TenantCode tenant = TenantCode.of(code);
            provisioner.provision(tenant, tenant.isCity() ? null : tenant.city(), code);
            provisioner.registry().setStatus(tenant, TenantStatus.ACTIVE);
        }
    }
}
