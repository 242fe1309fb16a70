using System.CommandLine;
using EdgeMask.Hosting;
using EdgeMask.Web;

namespace EdgeMask.Cli;

/// <summary>
/// <c>edgemask hash-password</c>: reads a password from standard input and prints the hash for Web:PasswordHash or
/// the file named by Web:PasswordHashFile. The password itself is never stored.
/// </summary>
public static class HashPasswordCommand
{
    private const int MinimumLength = 8;

    public static Command Create()
    {
        var command = new Command("hash-password", "Read the dashboard password from standard input and print its hash for Web:PasswordHashFile.");
        command.SetAction((_, _) => ExecuteAsync(Console.In, Console.Out, Console.Error));
        return command;
    }

    public static async Task<int> ExecuteAsync(TextReader input, TextWriter output, TextWriter error)
    {
        if (!Console.IsInputRedirected)
        {
            await error.WriteLineAsync("Password (input is shown; pipe it in to keep it off the screen):").ConfigureAwait(false);
        }

        var password = (await input.ReadLineAsync().ConfigureAwait(false))?.TrimEnd('\r');
        if (password is null || password.Length < MinimumLength)
        {
            await error.WriteLineAsync($"edgemask: the password must have at least {MinimumLength} characters").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await output.WriteLineAsync(DashboardPasswords.Hash(password)).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
