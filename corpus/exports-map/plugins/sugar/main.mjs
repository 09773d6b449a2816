export default function sweet() {}
