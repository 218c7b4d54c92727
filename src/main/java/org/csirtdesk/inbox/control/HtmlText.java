package org.csirtdesk.inbox.control;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of an HTML mail (Outlook and webmail send nothing else): blocks and line breaks become lines, list
 * items get a dash, a blockquote's lines get "&gt; " as a plain-text reply would, a rule becomes the line of
 * underscores Outlook writes before the quoted mail in plain text, and styles, scripts and the head are left out.
 */
final class HtmlText implements NodeVisitor {

    private static final Set<String> BLOCKS = Set.of(
            "p",
            "div",
            "tr",
            "li",
            "ul",
            "ol",
            "table",
            "blockquote",
            "pre",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "address",
            "section",
            "article",
            "header",
            "footer");
    private static final String RULE = "_".repeat(32);
    private static final Set<String> SKIPPED = Set.of("head", "style", "script", "title", "template");

    private final StringBuilder out = new StringBuilder();
    private int quoteDepth;
    private int skipDepth;
    private int preDepth;
    private boolean atLineStart = true;

    private HtmlText() {}

    static String of(String html) {
        HtmlText text = new HtmlText();
        NodeTraversor.traverse(text, Jsoup.parse(html));
        return text.out
                .toString()
                .replace('\u00a0', ' ')
                .replaceAll("[ \\t]+\n", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }

    @Override
    public void head(Node node, int depth) {
        if (node instanceof Element element) {
            String name = element.normalName();
            if (SKIPPED.contains(name)) {
                skipDepth++;
            } else if (name.equals("br")) {
                newLine();
            } else if (name.equals("hr")) {
                endLine();
                write(RULE);
                newLine();
            } else if (BLOCKS.contains(name)) {
                endLine();
            }
            if (name.equals("blockquote")) {
                quoteDepth++;
            } else if (name.equals("pre")) {
                preDepth++;
            } else if (name.equals("li")) {
                write("- ");
            }
        } else if (node instanceof TextNode textNode && skipDepth == 0) {
            if (preDepth > 0) {
                textNode.getWholeText().lines().forEach(line -> {
                    write(line);
                    newLine();
                });
            } else {
                write(textNode.text());
            }
        }
    }

    @Override
    public void tail(Node node, int depth) {
        if (node instanceof Element element) {
            String name = element.normalName();
            if (SKIPPED.contains(name)) {
                skipDepth--;
            } else if (BLOCKS.contains(name)) {
                endLine();
                if (name.equals("p")) {
                    newLine();
                }
            }
            if (name.equals("blockquote")) {
                quoteDepth--;
            } else if (name.equals("pre")) {
                preDepth--;
            }
        }
    }

    private void write(String text) {
        String written = text;
        if (atLineStart) {
            written = preDepth > 0 ? written : written.stripLeading();
            if (written.isEmpty()) {
                return;
            }
            out.append("> ".repeat(quoteDepth));
            atLineStart = false;
        }
        out.append(written);
    }

    private void newLine() {
        if (atLineStart && quoteDepth > 0) {
            out.append(">".repeat(quoteDepth));
        }
        out.append('\n');
        atLineStart = true;
    }

    private void endLine() {
        if (!atLineStart) {
            newLine();
        }
    }
}
