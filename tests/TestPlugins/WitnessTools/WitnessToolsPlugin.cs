using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.TestPlugins.WitnessTools;

/// <summary>
/// Tools whose runs a test outside the process can count: each run appends a line to <c>tool-runs.log</c> in the
/// plugin's data folder before it returns. <c>hold</c> then waits until <c>release-hold</c> exists there, so a test
/// can kill the host while it runs.
/// </summary>
public sealed class WitnessToolsPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddSingleton<ITaskTools>(new Tools(context.DataDirectory));
    }

    private sealed class Tools(string folder) : ITaskTools
    {
        private static readonly SemaphoreSlim Writing = new(1, 1);

        public IEnumerable<AITool> ToolsFor(TaskInfo task) =>
        [
            AIFunctionFactory.Create(async (string topic, CancellationToken cancellationToken) =>
            {
                await WitnessAsync($"note {task.Id} {topic}", cancellationToken);
                return $"noted {topic}";
            }, "note", "Takes a note"),
            AIFunctionFactory.Create(async (CancellationToken cancellationToken) =>
            {
                await WitnessAsync($"hold {task.Id}", cancellationToken);
                while (!File.Exists(Path.Combine(folder, "release-hold")))
                {
                    await Task.Delay(50, cancellationToken);
                }

                return "held";
            }, "hold", "Holds on until released"),
        ];

        private async Task WitnessAsync(string line, CancellationToken cancellationToken)
        {
            await Writing.WaitAsync(cancellationToken);
            try
            {
                // Flushed to the file before the tool returns: a kill after this line cannot unwrite it.
                await using var file = new FileStream(Path.Combine(folder, "tool-runs.log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
                file.Flush(flushToDisk: true);
            }
            finally
            {
                Writing.Release();
            }
        }
    }
}
