package io.orderpipeline.messaging.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ActuatorAdminPasswordTests {

    @Test
    void generatesAPasswordWhenNoneIsSetAndLogsThatItDidButNotThePassword(CapturedOutput output) {
        UserDetails admin = ActuatorSecurityAutoConfiguration.admin("ops", "", () -> "generated-Xq7Zt2")
                .loadUserByUsername("ops");

        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                .matches("generated-Xq7Zt2", admin.getPassword())).isTrue();
        assertThat(admin.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_ACTUATOR_ADMIN");
        assertThat(output).contains("random password was generated", "set PIPELINE_ADMIN_PASSWORD")
                .doesNotContain("generated-Xq7Zt2");
    }

    @Test
    void logsNothingWhenThePasswordIsSet(CapturedOutput output) {
        ActuatorSecurityAutoConfiguration.admin("ops", "s3cret", () -> "unused");

        assertThat(output).doesNotContain("PIPELINE_ADMIN_PASSWORD");
    }
}
