package org.warmnest.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.warmnest.platform.problem.ErrorRendering;
import org.warmnest.platform.problem.ProblemAdvice;
import org.warmnest.platform.problem.ProblemWriter;
import org.warmnest.platform.problem.Problems;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A web application of the platform's error rendering and public address alone, on a real Tomcat, without the
 * database the rest of the platform needs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.warmnest.platform.config.PlatformAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
        "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration" })
@Import({ ErrorRendering.class, ProblemAdvice.class, PublicAddress.class, PlatformWebApp.Echo.class })
public class PlatformWebApp {

    @Bean
    Problems problems(MessageSource messages) {
        return new Problems(messages);
    }

    @Bean
    ProblemWriter problemWriter(Problems problems, JsonMapper json) {
        return new ProblemWriter(problems, json);
    }

    @Bean
    SecurityFilterChain open(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable()).authorizeHttpRequests(a -> a.anyRequest().permitAll()).build();
    }

    @RestController
    static class Echo {

        @GetMapping("/api/echo/{value}")
        String echo(@PathVariable String value) {
            return value;
        }

        @GetMapping("/api/conflict")
        void conflict(HttpServletResponse response) throws IOException {
            response.sendError(409);
        }

        @GetMapping("/api/where")
        String where(jakarta.servlet.http.HttpServletRequest request) {
            return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort() + " from "
                    + request.getRemoteAddr();
        }
    }

    /** Sends the request exactly as written and returns the whole answer. */
    public static String rawHttp(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
