/** The server's messages that belong to no single field of a form, in its words. */
export function FormErrors({ messages }: { messages: readonly string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <ul role="alert" className="form-error">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}
