import TapPassKit
import Glibc

exit(TokenTool.main(Array(CommandLine.arguments.dropFirst())))
