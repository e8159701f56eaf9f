// After goal.txt: the generated project's tests ran (the check every case shares).
evaluate(new File(basedir, '../generated-project-tests-ran.groovy'))
