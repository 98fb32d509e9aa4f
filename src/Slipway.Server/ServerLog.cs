namespace Slipway.Server;

/// <summary>The host's log events (EventIds 100–199).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Slipway started in {TotalMs:F0} ms (host built in {BuildMs:F0} ms, database ready in {DatabaseMs:F0} ms)")]
    public static partial void Started(this ILogger logger, double buildMs, double databaseMs, double totalMs);
}
