// Shared by each case's verify.groovy. goal.txt ran the generated project's own `mvn verify`, and it
// passed. Check that it ran its tests (none skipped), the end-to-end LocalPipelineIT on embedded
// ElasticMQ among them. maven-archetype-plugin binds `context` (the generated project as projectDir).
File projectDir = context.get('projectDir')
def reports = []
projectDir.eachFileRecurse(groovy.io.FileType.FILES) {
    if (it.path ==~ /.*\/target\/(surefire|failsafe)-reports\/TEST-.*\.xml/) {
        reports << it
    }
}
assert reports.any { it.name.endsWith('.LocalPipelineIT.xml') } : "LocalPipelineIT did not run in ${projectDir}"
reports.each { report ->
    def suite = (report.text =~ /<testsuite [^>]*/)[0]
    def tests = (suite =~ /tests="(\d+)"/)[0][1] as int
    def skipped = (suite =~ /skipped="(\d+)"/)[0][1] as int
    assert tests > 0 && skipped == 0 : "${report.name}: ${tests} tests, ${skipped} skipped"
}
println "generated-project-tests-ran: ${reports.size()} test classes ran in ${projectDir.name}, LocalPipelineIT among them"
