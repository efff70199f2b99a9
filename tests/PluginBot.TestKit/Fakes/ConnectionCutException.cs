namespace PluginBot.TestKit.Fakes;

/// <summary>Thrown by a fake's handler mid-stream to cut the connection the way a network failure would.</summary>
internal sealed class ConnectionCutException : Exception
{
    public ConnectionCutException()
        : base("The fake cut the connection here, as a network failure would.")
    {
    }

    public ConnectionCutException(string message)
        : base(message)
    {
    }

    public ConnectionCutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
