using System.CommandLine;
using PluginBot.Host.Hosting;

namespace PluginBot.Host.Cli;

/// <summary>
/// The <c>pluginbot</c> command. With no verb it runs the bot; tool verbs build the container with plugins
/// registered but start no hosted services, so they are safe beside a running bot.
/// Arguments of the form <c>--Section:Key=value</c> are configuration, accepted with every verb.
/// </summary>
internal static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int ConfigurationError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, HostBuildOptions? baseOptions = null)
    {
        var configArgs = args.Where(IsConfigurationArgument).ToList();
        var cliArgs = args.Where(a => !IsConfigurationArgument(a)).ToArray();
        var options = (baseOptions ?? new HostBuildOptions()) with { Args = configArgs };
        var verbs = new ToolVerbs(options, output, error);

        var root = new RootCommand("PluginBot: a self-hosted Telegram bot that runs LLM work in the background. With no command, runs the bot.");
        root.SetAction((_, ct) => new RunVerb(options, error).RunAsync(ct));
        root.Add(verbs.Plugins());
        root.Add(verbs.Migrate());
        root.Add(verbs.Config());
        root.Add(new TokenVerbs(options, output, error).Token());
        var backups = new BackupVerbs(options, output, error);
        root.Add(backups.Backup());
        root.Add(backups.Restore());
        var llm = new LlmVerbs(options, output, error);
        root.Add(llm.Ask());
        root.Add(llm.Models());

        var parsed = root.Parse(cliArgs);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync($"pluginbot: {problem.Message} Run 'pluginbot --help' to see the commands.");
            }

            return ConfigurationError;
        }

        // No termination handling here: the running host's own lifetime handles SIGTERM and Ctrl+C and shuts down
        // within Kernel:ShutdownTimeoutSeconds. System.CommandLine's handler would run first, block the signal for two
        // seconds and then end the process with exit code 143 before the host had even begun to stop.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null });
    }

    private static bool IsConfigurationArgument(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
        {
            return false;
        }

        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        return eq > 2 && arg.AsSpan(2, eq - 2).Contains(':');
    }
}
