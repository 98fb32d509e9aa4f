using System.CommandLine;

namespace Slipway.Cli.Commands.Models;

/// <summary>The arguments the model verbs share.</summary>
internal static class ModelArguments
{
    public static Argument<string> Name() => new("name") { Description = "The registered model's name." };

    public static Argument<int> Version() => new("version") { Description = "The version number." };
}
