using PluginBot.Host.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error);
