using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace Slipway.Core.Governance.Audit;

/// <summary>
/// An audit event as one ArcSight Common Event Format line for a SIEM:
/// <c>CEF:0|Slipway|Slipway|version|action|action|severity|extension</c>. Header fields escape <c>\</c> and <c>|</c>;
/// extension values escape <c>\</c>, <c>=</c> and line breaks (<c>\n</c>, <c>\r</c>), so no field can end the
/// line or forge another key. The seq and hash travel in custom fields, so a SIEM can check continuity.
/// </summary>
public static class AuditCef
{
    public static readonly string Version =
        typeof(AuditCef).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    public static string Format(AuditEvent e)
    {
        var actor = Parse(e.Actor);
        var source = Parse(e.Source);
        var request = Parse(e.Request);
        var resource = Parse(e.Resource);
        var line = new StringBuilder("CEF:0|Slipway|Slipway|")
            .Append(Header(Version)).Append('|')
            .Append(Header(e.Action)).Append('|')
            .Append(Header(e.Action)).Append('|')
            .Append(Severity(e.Outcome).ToString(CultureInfo.InvariantCulture)).Append('|');
        var first = true;
        void Add(string key, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return;
            }

            line.Append(first ? "" : " ").Append(key).Append('=').Append(Extension(value));
            first = false;
        }

        Add("rt", DateTimeOffset.TryParse(e.Ts, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ts)
            ? ts.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : null);
        Add("externalId", e.Id);
        Add("act", e.Action);
        Add("outcome", e.Outcome);
        Add("suser", Text(actor, "name"));
        Add("suid", Text(actor, "id"));
        Add("src", Text(source, "ip"));
        Add("requestClientApplication", Text(source, "user_agent"));
        Add("requestMethod", Text(request, "method"));
        Add("request", Text(request, "route"));
        Add("reason", e.Reason);
        Add("cn1Label", "seq");
        Add("cn1", e.Seq.ToString(CultureInfo.InvariantCulture));
        Add("cn2Label", "status");
        Add("cn2", e.Status?.ToString(CultureInfo.InvariantCulture));
        Add("cs1Label", "resourceType");
        Add("cs1", Text(resource, "type"));
        Add("cs2Label", "resourceId");
        Add("cs2", Text(resource, "id"));
        Add("cs3Label", "resourceName");
        Add("cs3", Text(resource, "name"));
        Add("cs4Label", "workspace");
        Add("cs4", Text(resource, "workspace"));
        Add("cs5Label", "hash");
        Add("cs5", e.Hash);
        Add("cs6Label", "prevHash");
        Add("cs6", e.PrevHash);
        return line.ToString();
    }

    /// <summary>CEF header fields: a backslash or a pipe is escaped with a backslash; a line break becomes a space.</summary>
    public static string Header(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>CEF extension values: backslash, equals sign and line breaks are escaped; pipes need not be.</summary>
    public static string Extension(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>0–10: routine successes low, refusals medium, failures and errors high.</summary>
    public static int Severity(string outcome) => outcome switch
    {
        AuditOutcomes.Success => 3,
        AuditOutcomes.Denied => 6,
        AuditOutcomes.Failure => 8,
        _ => 9,
    };

    private static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;

    private static string? Text(JsonObject? json, string key) => json?[key] is JsonValue value ? value.ToString() : null;
}
