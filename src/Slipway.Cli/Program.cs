namespace Slipway.Cli;

internal static class Program
{
    private static Task<int> Main(string[] args) => SlipwayCli.RunAsync(args, Console.Out, Console.Error);
}
