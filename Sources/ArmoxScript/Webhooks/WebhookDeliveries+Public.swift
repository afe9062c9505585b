/// A receiver's bookkeeping without its HTTP server: `ArmoxHost`'s
/// `WebhookReceiver` hands each delivery here, and so do the fuzz targets
/// (`Fuzz/ArmoxFuzzTargets`) and tests, through exactly the same code.
extension WebhookDeliveries {
    /// Deliveries checked against `secret`, as `listen --secret=…` makes them.
    public static func checking(secret: String) -> WebhookDeliveries {
        WebhookDeliveries(secret: secret)
    }

    /// Takes one delivery as the receiver does and gives the status it would
    /// answer: 200 accepted (or a repeat), 401 signature missing or wrong,
    /// 400 a signed body that is not a job event.
    public func deliver(body: [UInt8], signature: String?) -> Int {
        receive(body: body, signature: signature)
    }
}
