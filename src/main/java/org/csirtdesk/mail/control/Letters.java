package org.csirtdesk.mail.control;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csirtdesk.mail.entity.Letter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The letters, rendered by FreeMarker from {@code letters/<name>.ftl}. A template starts with a
 * {@code Subject:} line and a blank line; the rest is the plain-text body. Templates in the folder
 * {@code csirt.mail.templates-dir} override the ones in the WAR, without a rebuild or a restart: an
 * edited or added file is used a second later.
 */
@ApplicationScoped
public class Letters {

    private static final String SUBJECT = "Subject:";
    static final Duration TEMPLATE_CHECK = Duration.ofSeconds(1);

    @Inject
    @ConfigProperty(name = "csirt.mail.templates-dir")
    Optional<String> templatesDir;

    private Configuration freemarker;

    @PostConstruct
    void configure() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        List<TemplateLoader> loaders = new ArrayList<>();
        if (templatesDir.isPresent()) {
            try {
                loaders.add(new FileTemplateLoader(new File(templatesDir.get())));
            } catch (IOException e) {
                throw new IllegalStateException(
                        "csirt.mail.templates-dir " + templatesDir.get() + " cannot be read", e);
            }
        }
        loaders.add(new ClassTemplateLoader(Letters.class.getClassLoader(), "letters"));
        MultiTemplateLoader loader = new MultiTemplateLoader(loaders.toArray(TemplateLoader[]::new));
        // An override added to the folder later is found too, not only edits of the ones it had.
        loader.setSticky(false);
        freemarker.setTemplateLoader(loader);
        // Edited or added overrides apply to the letters rendered a second later, without a rebuild or restart.
        freemarker.setTemplateUpdateDelayMilliseconds(TEMPLATE_CHECK.toMillis());
        freemarker.setDefaultEncoding("UTF-8");
        // A letter with a gap must fail loudly, not go out with the gap.
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    /** The folder whose templates override the WAR's ({@code csirt.mail.templates-dir}), if one is set. */
    Optional<String> overrideFolder() {
        return templatesDir;
    }

    /**
     * Made while the application deploys, on the deploying thread: FreeMarker's classes first loaded by a schedule
     * worker while Payara was still deploying failed to load ("zip file closed") and stayed unusable, so every letter
     * of that instance failed. A template folder that cannot be read now also stops the start instead of the first letter.
     */
    void prepareAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        freemarker.getIncompatibleImprovements();
    }

    public Letter render(String name, Map<String, ?> model) {
        StringWriter text = new StringWriter();
        try {
            freemarker.getTemplate(name + ".ftl").process(model, text);
        } catch (IOException | TemplateException e) {
            throw new IllegalStateException(
                    "the letter template " + name + " cannot be rendered: " + e.getMessage(), e);
        }
        String rendered = text.toString();
        int end = rendered.indexOf('\n');
        if (!rendered.startsWith(SUBJECT) || end < 0) {
            throw new IllegalStateException("the letter template " + name + " must start with a Subject: line");
        }
        return new Letter(
                rendered.substring(SUBJECT.length(), end).strip(),
                rendered.substring(end + 1).strip() + "\n");
    }
}
