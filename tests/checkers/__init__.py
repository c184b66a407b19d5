"""Third-party checkers on the built site: LinkChecker, the Nu HTML Checker, axe-core; reproducible, offline builds."""
