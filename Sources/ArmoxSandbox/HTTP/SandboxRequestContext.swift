import Hummingbird
import NIOCore

/// The request context of the sandbox: Hummingbird's core storage plus the
/// connection's channel.
///
/// The channel is what lets the fault layer drop a connection without an
/// answer (`dropConnection`, `lostReply`): Hummingbird turns anything a
/// responder throws into a 500, so the only way to send nothing is to close
/// the channel underneath it.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
