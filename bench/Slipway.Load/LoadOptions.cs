namespace Slipway.Load;

internal enum ProviderChoice
{
    Sqlite,
    Postgres,
    Both,
}

/// <summary>
/// The command line: <c>[--provider sqlite|postgres|both] [--quick]</c> for the tracking and registry figures, or
/// <c>--serving [--quick]</c> for the serving benchmark alone (SQLite; wrk must be installed).
/// </summary>
internal sealed record LoadOptions(ProviderChoice Provider, bool Quick, bool Serving = false)
{
    public const string Usage = "usage: dotnet run -c Release --project bench/Slipway.Load -- [--provider sqlite|postgres|both | --serving] [--quick]";

    public LoadSizes Sizes => Quick ? LoadSizes.QuickRun : LoadSizes.FullRun;

    public static LoadOptions? Parse(IReadOnlyList<string> args, TextWriter error)
    {
        var provider = ProviderChoice.Both;
        var quick = false;
        var serving = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--serving":
                    serving = true;
                    break;
                case "--provider" when i + 1 < args.Count:
                    ProviderChoice? parsed = args[++i].ToLowerInvariant() switch
                    {
                        "sqlite" => ProviderChoice.Sqlite,
                        "postgres" or "postgresql" => ProviderChoice.Postgres,
                        "both" => ProviderChoice.Both,
                        _ => null,
                    };
                    if (parsed is null)
                    {
                        error.WriteLine($"Unknown provider '{args[i]}'; use sqlite, postgres or both.");
                        error.WriteLine(Usage);
                        return null;
                    }

                    provider = parsed.Value;
                    break;
                case "-h" or "--help":
                    error.WriteLine(Usage);
                    return null;
                default:
                    error.WriteLine($"Unknown argument '{args[i]}'.");
                    error.WriteLine(Usage);
                    return null;
            }
        }

        return new LoadOptions(provider, quick, serving);
    }
}
