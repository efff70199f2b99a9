namespace PluginBot.Abstractions.Plugins;

/// <summary>Tags a plugin puts on the checks it adds in <see cref="IHealthCheckContributor.AddHealthChecks"/>.</summary>
public static class HealthCheckTags
{
    /// <summary>
    /// The check calls another service (lists a provider's models, asks a server its version). The host runs it at
    /// most once per <c>Kernel:Health:CacheSeconds</c> (30 s by default) and answers the probes in between from that
    /// result, so a flood of <c>/health/ready</c> requests never reaches the service. Leave it off checks that only
    /// read the plugin's own state: those run at every probe.
    /// </summary>
    public const string Remote = "remote";

    /// <summary>
    /// The check reads only the plugin's settings (names that must resolve, files that must parse), so
    /// <c>pluginbot config check</c> runs it too, without starting anything, prints its description, and fails when
    /// it is not Healthy. Since host API 2.0.
    /// </summary>
    public const string Configuration = "configuration";
}
