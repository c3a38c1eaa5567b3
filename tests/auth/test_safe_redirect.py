import pytest

from studyapp.auth.safe_redirect import is_safe_next


@pytest.mark.parametrize(
    "target",
    ["/", "/study", "/study?set=3&mode=quiz", "/auth/invites#list", "/a/b/c"],
)
def test_paths_on_this_site_are_safe(target: str) -> None:
    assert is_safe_next(target)


UNSAFE_TARGETS = [
    None,
    "",
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "study",
    " //evil.example",
    "https:/evil.example",
]


@pytest.mark.parametrize("target", UNSAFE_TARGETS)
def test_anything_that_could_leave_the_site_is_refused(target: str | None) -> None:
    assert not is_safe_next(target)
