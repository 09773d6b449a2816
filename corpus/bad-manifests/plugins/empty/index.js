import 'ok';
