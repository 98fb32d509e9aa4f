using Slipway.Cli.Output;
using Slipway.Contracts.Governance;

namespace Slipway.Cli.Commands.Users;

/// <summary>Prints users: JSON with <c>--output json</c>, else a table.</summary>
internal static class UserOutput
{
    public static async Task WriteAsync(CliOutput output, IReadOnlyList<UserResponse> users, CancellationToken cancellationToken)
    {
        if (output.Json)
        {
            await output.WriteJsonAsync(users, CliJsonContext.Default.IReadOnlyListUserResponse, cancellationToken);
            return;
        }

        var table = Cells.NewTable("ID", "Name", "Kind", "Admin", "Active", "Password", "MFA", "Last sign-in");
        foreach (var u in users)
        {
            table.AddTextRow(Cells.Number(u.Id), u.Name, u.Kind, YesNo(u.IsAdmin), YesNo(u.Active), YesNo(u.HasPassword), YesNo(u.MfaEnabled), Cells.Time(u.LastLoginAt));
        }

        output.Write(table);
    }

    public static Task WriteAsync(CliOutput output, UserResponse user, CancellationToken cancellationToken) =>
        output.Json ? output.WriteJsonAsync(user, CliJsonContext.Default.UserResponse, cancellationToken) : WriteAsync(output, [user], cancellationToken);

    /// <summary>
    /// Reads a password from a file, or standard input for <c>-</c>; never from the command line, where other users
    /// of the machine could see it in the process list. The trailing newline is dropped.
    /// </summary>
    public static async Task<string> ReadPasswordAsync(string path, CancellationToken cancellationToken)
    {
        var text = path == "-" ? await Console.In.ReadLineAsync(cancellationToken) ?? string.Empty : await File.ReadAllTextAsync(path, cancellationToken);
        return text.TrimEnd('\r', '\n');
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
