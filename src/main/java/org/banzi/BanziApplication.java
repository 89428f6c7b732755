package org.banzi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Banzi: the organization department's system for the ideological and political construction of leadership teams. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BanziApplication {

	public static void main(String[] args) {
		SpringApplication.run(BanziApplication.class, args);
	}
}
