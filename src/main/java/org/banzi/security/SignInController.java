package org.banzi.security;

import jakarta.annotation.security.PermitAll;

import org.banzi.platform.Access;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page and the home page after it. */
@Controller
class SignInController {

	@GetMapping("/login")
	@PermitAll
	String login() {
		return "security/login";
	}

	@GetMapping("/")
	@PreAuthorize(Access.SIGNED_IN)
	String home() {
		return "home";
	}
}
