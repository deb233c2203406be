import TapPassKit
import Glibc

exit(ScanTool.main(Array(CommandLine.arguments.dropFirst())))
