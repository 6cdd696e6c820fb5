namespace MusicCluster.Autograd;

/// <summary>Whether ops record their history on this thread; <c>using (GradMode.Disable()) { ... }</c> is PyTorch's no_grad.</summary>
public static class GradMode
{
    [ThreadStatic] private static int _disabledDepth;

    /// <summary>True unless inside a <see cref="Disable"/> scope.</summary>
    public static bool Enabled => _disabledDepth == 0;

    /// <summary>Turns recording off until the returned scope is disposed (scopes nest).</summary>
    public static IDisposable Disable()
    {
        _disabledDepth++;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _disabledDepth--;
        }
    }
}
