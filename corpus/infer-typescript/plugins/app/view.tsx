export const View = () => <Panel title="x" />;
