package org.banzi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The whole application on the embedded PostgreSQL, with MockMvc and a real port. Every test class using it shares
 * one context (and one database): tests create their own units with codes no other test uses.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public @interface IntegrationTest {

	/** The bootstrap administrator's password in tests (set by Surefire). */
	String ADMIN_PASSWORD = "Test-Passphrase-Xq7";

	/** The bootstrap security administrator's password in tests (set by Surefire). */
	String SECURITY_PASSWORD = "Test-Guardian-Kp4";
}
