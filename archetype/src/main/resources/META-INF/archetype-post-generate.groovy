// Sluice renders the whole project with its own engine and templates, the same as the sluice CLI.
// By now the plugin has only copied the placeholder pom.xml it insists on: remove it, then hand every
// property to the engine's one entry point, loaded from this archetype's jar (the context class loader).
def projectDir = new File(request.outputDirectory, request.artifactId)
new File(projectDir, 'pom.xml').delete()
def engine = Thread.currentThread().contextClassLoader.loadClass('dev.sluice.engine.ArchetypeEntryPoint')
try {
    println engine.generate(request.properties, projectDir.path)
} catch (IllegalArgumentException badAnswer) {
    // Nothing written: remove the folder the plugin made for the placeholder if it is empty now.
    if (projectDir.list()?.length == 0) {
        projectDir.delete()
    }
    throw badAnswer
}
