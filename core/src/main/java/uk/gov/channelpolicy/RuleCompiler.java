package uk.gov.channelpolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles a rule-set directory at run time with Drools' classic compiler, which reports the file
 * and line of each error (the executable model does not).
 */
final class RuleCompiler {
    private static final String RESOURCES = "src/main/resources/";

    private RuleCompiler() {
    }

    /** A compiled kbase and the release id its module had in the KieRepository before removal. */
    record Compiled(KieBase kieBase, ReleaseId releaseId) {
    }

    static Compiled compile(Manifest manifest, RuleSetFiles files) {
        KieServices services = KieServices.Factory.get();
        KieFileSystem fileSystem = services.newKieFileSystem();
        // A fresh version per build: the KieRepository caches modules by release id.
        ReleaseId releaseId = services.newReleaseId("uk.gov.channelpolicy.rulesets", manifest.id(),
                manifest.version() + "-" + UUID.randomUUID());
        fileSystem.generateAndWritePomXML(releaseId);
        KieModuleModel module = services.newKieModuleModel();
        module.newKieBaseModel(manifest.id()).setDefault(true).addPackage("*");
        fileSystem.writeKModuleXML(module.toXML());
        for (String name : files.ruleFiles()) {
            fileSystem.write(RESOURCES + name, files.get(name));
        }
        KieBuilder builder = services.newKieBuilder(fileSystem).buildAll();
        List<Problem> problems = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = message.getPath() == null ? "rules" : message.getPath().replace(RESOURCES, "");
            problems.add(new Problem(path, message.getText().strip(), List.of(), null,
                    Math.max(0, message.getLine()), Math.max(0, message.getColumn())));
        }
        if (!problems.isEmpty()) {
            services.getRepository().removeKieModule(releaseId);
            throw new RuleSetException("rule set " + manifest.id() + " " + manifest.version() + " does not compile", problems);
        }
        KieContainer container = services.newKieContainer(releaseId);
        try {
            return new Compiled(container.getKieBase(manifest.id()), releaseId);
        } finally {
            // The kbase lives on without the module; keeping it would leak one module per reload.
            services.getRepository().removeKieModule(releaseId);
        }
    }
}
