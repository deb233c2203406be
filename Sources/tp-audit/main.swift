import TapPassKit
import Glibc

exit(AuditTool.main(Array(CommandLine.arguments.dropFirst())))
