using System.Globalization;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Errors;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// This process's persistent id: leases carry it, so at the next start the tasks this instance held are known to be
/// its own and resume at once instead of waiting for their leases to run out. Kept in the plugin's data folder, which
/// this process holds locked while it runs: a second process there would share the id, and each would take the
/// other's running tasks for its own orphans.
/// </summary>
internal sealed class InstanceIdentity : IDisposable
{
    private readonly FileStream? _lock;

    public InstanceIdentity(IOptions<TasksOptions> options, string dataDirectory)
    {
        if (options.Value.InstanceId is { Length: > 0 } configured)
        {
            Id = configured;
            return;
        }

        var lockFile = Path.Combine(dataDirectory, "instance.lock");
        try
        {
            _lock = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new PluginStartException(
                $"Another PluginBot process is running with the data folder {dataDirectory} ({lockFile} is locked). Two processes there would share one instance id and take over each other's tasks: stop the other one, or give each its own data folder.",
                ex);
        }

        var file = Path.Combine(dataDirectory, "instance-id");
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: > 0 } stored)
        {
            Id = stored;
            return;
        }

        Id = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName.ToLowerInvariant()}-{Model.TaskIds.New()}");
        Id = Id.Length > 64 ? Id[^64..] : Id;
        File.WriteAllText(file, Id);
    }

    public string Id { get; }

    public override string ToString() => Id;

    public void Dispose() => _lock?.Dispose();
}
