import TapPassKit
import Glibc

exit(RouteTool.main(Array(CommandLine.arguments.dropFirst())))
