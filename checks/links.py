"""Every relative link of the README and docs/ names a file that exists, and an anchor, when given, a heading of it.
Run by .ci/run; exits 1 and lists the broken links."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
pages = [root / "README.md", *sorted((root / "docs").glob("*.md"))]

def anchors(page):
    found = set()
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            text = line.lstrip("#").strip().lower()
            text = re.sub(r"[^\w\- ]", "", text)  # GitHub: punctuation dropped, spaces to hyphens
            found.add(text.replace(" ", "-"))
    return found

broken = []
for page in pages:
    text = page.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^[a-z]+:", target) or target.startswith("#") and False:
            continue
        path, _, anchor = target.partition("#")
        dest = page if path == "" else (page.parent / path).resolve()
        if not dest.exists():
            broken.append(f"{page.relative_to(root)}: {target} (no such file)")
        elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
            broken.append(f"{page.relative_to(root)}: {target} (no such heading)")
print(f"links: {len(pages)} pages checked")
if broken:
    print("\n".join(broken))
    sys.exit(1)
