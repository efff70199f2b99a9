using System.Globalization;
using Microsoft.Extensions.Options;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// This process's persistent id: leases carry it, so at the next start the tasks this instance held are known to be
/// its own and resume at once instead of waiting for their leases to run out. Kept in the plugin's data folder.
/// </summary>
internal sealed class InstanceIdentity
{
    public InstanceIdentity(IOptions<TasksOptions> options, string dataDirectory)
    {
        if (options.Value.InstanceId is { Length: > 0 } configured)
        {
            Id = configured;
            return;
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
}
