namespace Slipway.Core.Infrastructure.Http;

/// <summary>What browsers may reach and change (section <c>Server</c>); see docs/configuration.md.</summary>
public sealed class BrowserGuardOptions
{
    public const string SectionName = "Server";

    /// <summary>
    /// Host names the server answers to (exact, case-insensitive, or <c>*.example.com</c>); a request naming another
    /// host gets 400 <c>host_not_allowed</c>, which defeats DNS rebinding. Empty (the default): <c>localhost</c>, the
    /// host names in <c>Urls</c>, and any IP address (an address cannot be rebound). <c>*</c> turns the check off.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Origins (<c>https://ui.example.com</c>) besides the server's own from which browsers may make state changes.
    /// Default empty; <c>*</c> turns the check off.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
