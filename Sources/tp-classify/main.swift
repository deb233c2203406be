import TapPassKit
import Glibc

exit(ClassifyTool.main(Array(CommandLine.arguments.dropFirst())))
