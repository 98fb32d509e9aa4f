namespace Slipway.Cli.Configuration;

/// <summary>
/// Where the server is and which token to send, each taken from the first source that has it: the flag, then the
/// environment (<c>SLIPWAY_URL</c>, then <c>MLFLOW_TRACKING_URI</c>; <c>SLIPWAY_TOKEN</c>, then
/// <c>MLFLOW_TRACKING_TOKEN</c>, so the two lines <c>./slipway up</c> prints serve the CLI too), then the configuration file.
/// </summary>
internal sealed record ServerConnection(Uri Url, string? Token)
{
    public const string DefaultUrl = "http://127.0.0.1:5000";
    public const string UrlVariable = "SLIPWAY_URL";
    public const string TokenVariable = "SLIPWAY_TOKEN";
    public const string MlflowTokenVariable = "MLFLOW_TRACKING_TOKEN";
    public const string MlflowUrlVariable = "MLFLOW_TRACKING_URI";

    public static ServerConnection Resolve(string? urlFlag, string? tokenFlag, CliEnvironment environment)
    {
        var url = FirstSet(urlFlag, environment.GetVariable(UrlVariable), environment.GetVariable(MlflowUrlVariable));
        var token = FirstSet(tokenFlag, environment.GetVariable(TokenVariable), environment.GetVariable(MlflowTokenVariable));
        if (url is null || token is null)
        {
            var file = ConfigFile.Load(environment.ConfigFilePath);
            url ??= FirstSet(file.Url);
            token ??= FirstSet(file.Token);
        }

        return new ServerConnection(ParseUrl(url ?? DefaultUrl), token);
    }

    private static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CommandException(ExitCodes.Usage, $"The server URL '{url}' is not an absolute http(s) URL, such as {DefaultUrl}.");
        }

        // A path prefix (https://host/slipway) must end in '/', or relative API paths would replace its last segment.
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.GetLeftPart(UriPartial.Path) + "/");
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
