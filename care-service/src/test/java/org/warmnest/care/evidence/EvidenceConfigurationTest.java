package org.warmnest.care.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EvidenceConfigurationTest {

    @TempDir
    Path folder;

    ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(EvidenceConfiguration.class);

    @Test
    void keepsPhotosInALocalFolderUpToTenMegabytesByDefault() {
        context.withPropertyValues("warmnest.evidence.local.root=" + folder.resolve("photos")).run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(EvidenceStore.class)).isInstanceOfSatisfying(LocalEvidenceStore.class,
                    store -> assertThat(store.root()).isEqualTo(folder.resolve("photos")));
            assertThat(folder.resolve("photos")).isDirectory();
            assertThat(started.getBean(EvidencePolicy.class).maxBytes()).isEqualTo(10L * 1024 * 1024);
        });
    }

    @Test
    void theLimitIsASetting() {
        context.withPropertyValues("warmnest.evidence.local.root=" + folder, "warmnest.evidence.max-bytes=5MB")
                .run(started -> assertThat(started.getBean(EvidencePolicy.class).maxBytes())
                        .isEqualTo(5L * 1024 * 1024));
    }

    @Test
    void anS3StoreWithoutItsSettingsDoesNotStartAndNamesWhatIsMissing() {
        context.withPropertyValues("warmnest.evidence.store=s3", "warmnest.evidence.s3.endpoint=http://127.0.0.1:9000",
                "warmnest.evidence.s3.secret-key=").run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause().hasMessage(
                            "warmnest.evidence.store=s3 needs warmnest.evidence.s3.bucket, "
                                    + "warmnest.evidence.s3.access-key, warmnest.evidence.s3.secret-key");
                });
    }

    @Test
    void anS3StoreWithItsSettingsStartsWithoutCallingTheStore() {
        context.withPropertyValues("warmnest.evidence.store=s3", "warmnest.evidence.s3.endpoint=http://127.0.0.1:9",
                "warmnest.evidence.s3.bucket=evidence", "warmnest.evidence.s3.access-key=test-access",
                "warmnest.evidence.s3.secret-key=test-secret").run(started -> {
                    assertThat(started).hasNotFailed();
                    assertThat(started.getBean(EvidenceStore.class)).isInstanceOf(S3EvidenceStore.class);
                });
    }

    @Test
    void anUnknownStoreDoesNotStart() {
        context.withPropertyValues("warmnest.evidence.store=ftp").run(started -> assertThat(started).hasFailed());
    }
}
