export const View = ({ Attr }) => (
  <div Attr="x" data-Key={Attr}>
    <span>Sigma Tau</span>
  </div>
);
